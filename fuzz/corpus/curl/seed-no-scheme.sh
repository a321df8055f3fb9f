curl localhost:3000/users
