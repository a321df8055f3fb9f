curl https://api.test/a -F novalue
