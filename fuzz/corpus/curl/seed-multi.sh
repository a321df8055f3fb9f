# Two requests, as a script would hold them.
curl https://api.test/one

# the second
curl -X DELETE \
     https://api.test/two ; curl https://api.test/three && curl https://api.test/four
