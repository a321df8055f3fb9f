curl -I https://api.test/health
