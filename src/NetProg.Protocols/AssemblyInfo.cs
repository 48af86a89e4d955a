namespace NetProg.Protocols;
