curl -H "A: b"
