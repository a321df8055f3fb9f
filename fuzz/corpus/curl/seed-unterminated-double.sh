curl https://api.test/a
curl https://api.test/b -d "open
