namespace NetProg.Services.Clients;

/// <summary>How an echo client reaches its server: the timeout, TLS, and a login for <c>echo-server --login</c>.</summary>
public sealed record EchoConnectOptions(TimeSpan Timeout, ClientTls? Tls = null, LoginCredentials? Login = null);
