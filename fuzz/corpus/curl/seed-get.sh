curl -G https://api.test/search?lang=en -d q=rust -d page=2
