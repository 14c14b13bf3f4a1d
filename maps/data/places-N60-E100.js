geomapData(JSON.parse("{\"places\":[],\"areas\":[],\"details\":[{\"file\":\"data/details-RU-N60-E100.js\",\"version\":\"c62b98b380742e19\"}]}"));
