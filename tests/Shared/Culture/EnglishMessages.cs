using System.Runtime.CompilerServices;

namespace NetProg.Tests.Shared;

/// <summary>
/// The tests read netprog's human messages in English whatever the developer's language (README.md, "Language"): the UI
/// culture of this test process, and NETPROG_LANG=en for every netprog it starts (children inherit the environment). A
/// test that checks the Korean text overrides NETPROG_LANG for its own child.
/// </summary>
internal static class EnglishMessages
{
#pragma warning disable CA2255 // A module initializer in a test assembly: it must run before any test, in any order.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Force()
    {
        Environment.SetEnvironmentVariable("NETPROG_LANG", "en");
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
    }
}
