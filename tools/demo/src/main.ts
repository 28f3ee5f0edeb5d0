console.log('modelmux demo: coming soon');
