geomapData(JSON.parse("{\"places\":[],\"areas\":[],\"articles\":{}}"));
