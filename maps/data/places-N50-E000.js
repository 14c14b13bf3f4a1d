geomapData(JSON.parse("{\"places\":[],\"areas\":[],\"details\":[{\"file\":\"data/details-BE-N50-E004.js\",\"version\":\"c62b98b380742e19\"}]}"));
