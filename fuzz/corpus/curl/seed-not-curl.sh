curl https://api.test/a
wget https://api.test/b
