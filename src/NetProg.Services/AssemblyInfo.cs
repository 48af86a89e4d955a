namespace NetProg.Services;
