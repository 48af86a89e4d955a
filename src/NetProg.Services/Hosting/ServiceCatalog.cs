using NetProg.Protocols.Time;
using NetProg.Services.Echo;
using NetProg.Services.Time;

namespace NetProg.Services.Hosting;

/// <summary>The service definitions the CLI hosts.</summary>
public static class ServiceCatalog
{
    public static ServiceDefinition Time(TimeFormat format, bool appendNul, TimeProvider clock)
    {
        var service = new TimeService(format, appendNul, clock);
        return new ServiceDefinition("time", service.HandleConnectionAsync, service.HandleDatagram, InlineHandlers: true);
    }

    public static ServiceDefinition Echo() => new("echo", EchoService.HandleConnectionAsync, EchoService.HandleDatagram, InlineHandlers: true);
}
