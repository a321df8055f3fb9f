curl -sSLk -XPUT -HX-A:1 -dx=1 https://api.test/a
