namespace NetProg.Services.Tests.Login;

/// <summary>Tests that measure time run alone, after the parallel ones: a timing ratio or a round-trip bound must not depend on what else runs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoginMeasurementsCollection
{
    public const string Name = "Login measurements";
}
