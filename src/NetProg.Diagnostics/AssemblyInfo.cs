namespace NetProg.Diagnostics;
