geomapData({"places":[],"areas":[],"articles":{}});
