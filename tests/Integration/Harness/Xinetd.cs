namespace NetProg.Integration.Tests.Harness;

/// <summary>
/// A private xinetd serving its INTERNAL echo, daytime (RFC 867) and time (RFC 868) services over TCP and UDP on
/// free loopback ports, from a configuration written to a temporary folder. xinetd refuses a listed service
/// (one named in /etc/services) on a port other than the listed one, so each service is
/// <c>type = INTERNAL UNLISTED</c>; the <c>id</c> (<c>echo-stream</c>, <c>time-dgram</c>, ...) is what selects the
/// built-in handler for the socket type. Stopped by its PID (SIGTERM) on dispose.
/// </summary>
public sealed class Xinetd : IAsyncLifetime
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "netprog-xinetd-" + Guid.NewGuid().ToString("N"));
    private ChildProcess? _process;
    private string? _error;

    public int EchoTcpPort { get; private set; }

    public int EchoUdpPort { get; private set; }

    public int DaytimeTcpPort { get; private set; }

    public int DaytimeUdpPort { get; private set; }

    public int TimeTcpPort { get; private set; }

    public int TimeUdpPort { get; private set; }

    public string ConfigPath => Path.Combine(_directory, "xinetd.conf");

    private string PidFile => Path.Combine(_directory, "xinetd.pid");

    private string LogFile => Path.Combine(_directory, "xinetd.log");

    /// <summary>Throws the reason xinetd could not be started, if it could not.</summary>
    public void EnsureRunning()
    {
        if (_error is not null)
        {
            throw new InvalidOperationException(_error);
        }
    }

    public async Task InitializeAsync()
    {
        string? xinetd = ExecutableSearch.Find("xinetd");
        if (xinetd is null)
        {
            _error = "xinetd was not found (looked on PATH and in /usr/sbin, /sbin); install it " +
                     "(Debian/Ubuntu: apt-get install xinetd) to run the xinetd interop tests.";
            return;
        }

        Directory.CreateDirectory(_directory);

        // A free port can be taken by someone else before xinetd binds it: then that service does not answer
        // and we start again on new ports.
        var failures = new StringBuilder();
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            PickPorts();
            File.WriteAllText(ConfigPath, Configuration());
            File.Delete(PidFile);
            _process = ChildProcess.Start(xinetd, ["-dontfork", "-f", ConfigPath, "-pidfile", PidFile, "-filelog", LogFile]);
            string? notReady = await WaitUntilServicesAnswerAsync(_process);
            if (notReady is null)
            {
                return;
            }

            failures.AppendLine(CultureInfo.InvariantCulture, $"attempt {attempt}: {notReady}");
            await StopAsync();
        }

        _error = "xinetd did not serve its internal services:\n" + failures +
                 "\n--- " + ConfigPath + ":\n" + File.ReadAllText(ConfigPath) +
                 "\n--- " + LogFile + ":\n" + (File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(none)");
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>The configuration: also what the report quotes as "the xinetd config that works".</summary>
    public string Configuration()
    {
        var text = new StringBuilder();
        // cps: xinetd counts each datagram to a wait=yes internal UDP service as a connection and disables the service
        // for the given seconds past the rate, so netprog bench udp-echo needs a rate far above its own (xinetd.conf(5)).
        text.Append(CultureInfo.InvariantCulture, $$"""
            defaults
            {
                log_type = FILE {{Path.Combine(_directory, "services.log")}}
                instances = UNLIMITED
                cps = 1000000 1
            }

            """);
        AppendService(text, "echo", "stream", EchoTcpPort);
        AppendService(text, "echo", "dgram", EchoUdpPort);
        AppendService(text, "daytime", "stream", DaytimeTcpPort);
        AppendService(text, "daytime", "dgram", DaytimeUdpPort);
        AppendService(text, "time", "stream", TimeTcpPort);
        AppendService(text, "time", "dgram", TimeUdpPort);
        return text.ToString();
    }

    private static void AppendService(StringBuilder text, string name, string socketType, int port)
    {
        bool stream = socketType == "stream";
        text.Append(CultureInfo.InvariantCulture, $$"""
            service {{name}}
            {
                type        = INTERNAL UNLISTED
                id          = {{name}}-{{socketType}}
                socket_type = {{socketType}}
                protocol    = {{(stream ? "tcp" : "udp")}}
                wait        = {{(stream ? "no" : "yes")}}
                bind        = 127.0.0.1
                port        = {{port}}
            }

            """);
    }

    /// <summary>
    /// True when xinetd's own service answers on the port, told by what it sends back (echo: the probe; daytime: text with
    /// CRLF; time: four bytes): a free port can be taken by another test's server before xinetd binds it, and then xinetd
    /// logs the failed bind and serves the rest, while that other server would answer a bare connect or any datagram.
    /// </summary>
    private static async Task<bool> TcpAnswersAsync(int port, Func<byte[], bool> isXinetd, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var receiveTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        receiveTimeout.CancelAfter(TimeSpan.FromMilliseconds(500));
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            await socket.SendAsync("probe\n"u8.ToArray(), SocketFlags.None, cancellationToken);
            byte[] buffer = new byte[512];
            int count = await socket.ReceiveAsync(buffer, SocketFlags.None, receiveTimeout.Token);
            return isXinetd(buffer[..count]);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<bool> UdpAnswersAsync(int port, Func<byte[], bool> isXinetd, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var receiveTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        receiveTimeout.CancelAfter(TimeSpan.FromMilliseconds(300));
        try
        {
            await socket.SendToAsync("probe\n"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            byte[] buffer = new byte[512];
            var received = await socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), receiveTimeout.Token);
            return isXinetd(buffer[..received.ReceivedBytes]);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool IsEcho(byte[] reply) => reply.AsSpan().SequenceEqual("probe\n"u8);

    private static bool IsDaytime(byte[] reply) => reply.Length > 2 && reply[^2] == '\r' && reply[^1] == '\n' && !IsEcho(reply);

    private static bool IsTime(byte[] reply) => reply.Length == 4;

    private void PickPorts()
    {
        EchoTcpPort = FreePort.Tcp();
        EchoUdpPort = FreePort.Udp();
        DaytimeTcpPort = FreePort.Tcp();
        DaytimeUdpPort = FreePort.Udp();
        TimeTcpPort = FreePort.Tcp();
        TimeUdpPort = FreePort.Udp();
    }

    /// <summary>Polls the six ports until all answer; returns why not if xinetd exits or time runs out.</summary>
    private async Task<string?> WaitUntilServicesAnswerAsync(ChildProcess process)
    {
        using var deadline = new CancellationTokenSource(ReadyTimeout);
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    return "xinetd exited.\n" + process.Describe();
                }

                bool[] answers = await Task.WhenAll(
                    TcpAnswersAsync(EchoTcpPort, IsEcho, deadline.Token),
                    TcpAnswersAsync(DaytimeTcpPort, IsDaytime, deadline.Token),
                    TcpAnswersAsync(TimeTcpPort, IsTime, deadline.Token),
                    UdpAnswersAsync(EchoUdpPort, IsEcho, deadline.Token),
                    UdpAnswersAsync(DaytimeUdpPort, IsDaytime, deadline.Token),
                    UdpAnswersAsync(TimeUdpPort, IsTime, deadline.Token));
                if (answers.All(answered => answered))
                {
                    return null;
                }

                // Poll interval of a condition loop bounded by the deadline above.
                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
            }
        }
        catch (OperationCanceledException)
        {
            return $"not all services answered within {ReadyTimeout.TotalSeconds} s.\n" + process.Describe();
        }
    }

    private async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                // Stop it by the PID it wrote (the same process: -dontfork), like an init script would.
                string pid = File.Exists(PidFile) ? File.ReadAllText(PidFile).Trim() : string.Empty;
                if (pid == _process.Id.ToString(CultureInfo.InvariantCulture))
                {
                    await _process.SendSignalAsync(UnixSignal.Term);
                    await _process.WaitForExitAsync(TimeSpan.FromSeconds(5));
                }
            }
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            // Dispose below kills it.
        }
        finally
        {
            _process.Dispose();
            _process = null;
        }
    }
}
