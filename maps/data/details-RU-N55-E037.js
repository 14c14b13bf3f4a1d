geomapData(JSON.parse("{\"places\":{},\"articles\":{}}"));
