curl ^"https://api.test/items?a=1^&b=2^" ^
  -H ^"accept: application/json^" ^
  -H ^"x-quote: say \^"hi\^" 100^%^" ^
  --data-raw ^"^{^\^"k^\^":^\^"v^\^"^}^" ^
  --compressed
