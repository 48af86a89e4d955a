namespace NetProg.Services.Clients;

/// <summary>A user name and password for the login echo. <see cref="ToString"/> never shows the password.</summary>
public sealed record LoginCredentials(string UserName, string Password)
{
    public override string ToString() => $"LoginCredentials {{ UserName = {UserName} }}";
}
