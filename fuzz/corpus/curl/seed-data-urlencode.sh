curl https://api.test/search --data-urlencode 'q=a b&c' --data-urlencode '=x/y' --data-urlencode 'plain é' --data-urlencode 'name@names.txt'
