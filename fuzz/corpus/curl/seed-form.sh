curl https://api.test/upload -F 'title=Holiday; 2026' -F 'photo=@/tmp/beach.jpg;type=image/jpeg' -F 'notes=<notes.txt' --form-string 'raw=@literal;type=x'
