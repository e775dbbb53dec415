-- sample args: []
CREATE DATABASE IF NOT EXISTS {db};
