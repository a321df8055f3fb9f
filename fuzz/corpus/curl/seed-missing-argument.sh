curl https://api.test/a -H
