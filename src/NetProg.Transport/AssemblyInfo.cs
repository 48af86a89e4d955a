namespace NetProg.Transport;
