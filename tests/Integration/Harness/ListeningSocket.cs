namespace NetProg.Integration.Tests.Harness;

/// <summary>One <c>listening on ADDR:PORT/tcp|udp</c> line of a netprog server.</summary>
/// <param name="Address">As printed: <c>0.0.0.0</c>, <c>[::]</c>, <c>127.0.0.1</c>, ...</param>
public sealed record ListeningSocket(string Address, int Port, string Protocol);
