curl https://api.test/a \
  -H 'X-Open: never closed
