using System.Runtime.InteropServices;

namespace NetProg.Cli.Infrastructure;

/// <summary>
/// Ctrl+C (SIGINT), SIGTERM and SIGQUIT end in one CancellationToken, so a server stops accepting, finishes what is in flight
/// and exits 0 (dotnet-counters' ProcessTerminationHandler). A second signal is not intercepted: it ends the process at once.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly List<PosixSignalRegistration> _registrations = [];

    public ShutdownSignal(CancellationToken outer)
    {
        _cts = CancellationTokenSource.CreateLinkedTokenSource(outer);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
            catch (PlatformNotSupportedException)
            {
                // SIGQUIT does not exist on Windows.
            }
        }
    }

    public CancellationToken Token => _cts.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cts.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (_cts.IsCancellationRequested)
        {
            return; // second signal: let the default action end the process.
        }

        context.Cancel = true;
        _cts.Cancel();
    }
}
