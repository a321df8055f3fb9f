curl https://api.test/a -m soon
