using System.CommandLine;
using NetProg.Capture;
using NetProg.Capture.Live;
using NetProg.Capture.Pcap;
using NetProg.Capture.Session;
using NetProg.Capture.Text;
using NetProg.Cli.Infrastructure;
using NetProg.Cli.Rendering;
using NetProg.Diagnostics.Sockets;

namespace NetProg.Cli.Commands;

/// <summary>
/// <c>netprog capture</c>: the packets of an exchange, one annotated line each (handshake, data, FIN, RST, datagram, port
/// unreachable), live with libpcap/Npcap or from a pcap file; <c>--follow</c> reassembles each TCP conversation,
/// <c>--write</c> saves a pcap for Wireshark, <c>--flow</c> draws the ladder diagram of the lecture's slides.
/// </summary>
internal static class CaptureCommand
{
    public static Command Create(ICliConsole console)
    {
        var iface = new Option<string?>("--interface", "-i")
        {
            Description = Strings.Capture_Option_Interface,
            HelpName = "NAME",
        };
        var port = new Option<int?>("--port", "-p")
        {
            Description = Strings.Capture_Option_Port,
            HelpName = "PORT",
            CustomParser = CommonOptions.ParseOptionalPort,
        };
        // No -f and no -c: elsewhere they are --format (time-server, time-client) and --connections (bench), and a short form
        // means one thing in the whole tree.
        var filter = new Option<string?>("--filter")
        {
            Description = Strings.Capture_Option_Filter,
            HelpName = "BPF",
        };
        var count = new Option<int?>("--count")
        {
            Description = Strings.Capture_Option_Count,
            HelpName = "N",
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
                {
                    return value;
                }

                r.AddError(string.Format(Strings.Usage_InvalidPositive, "--count", text));
                return null;
            },
        };
        var duration = CommonOptions.OptionalDurationOption("--duration", "-d", Strings.Capture_Option_Duration);
        var write = new Option<string?>("--write", "-w") { Description = Strings.Capture_Option_Write, HelpName = "FILE.pcap" };
        var read = new Option<string?>("--read", "-r") { Description = Strings.Capture_Option_Read, HelpName = "FILE.pcap" };
        var follow = new Option<string?>("--follow")
        {
            Description = Strings.Capture_Option_Follow,
            HelpName = "auto|text|hex",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var flow = new Option<string?>("--flow") { Description = Strings.Capture_Option_Flow, HelpName = "FILE.html" };
        var list = new Option<bool>("--list-interfaces", "-D") { Description = Strings.Capture_Option_List };

        var command = new Command("capture", Strings.Capture_Description)
        {
            iface, port, filter, count, duration, write, read, follow, flow, list,
        };
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, async token =>
        {
            var followText = result.GetResult(follow) is null ? null : result.GetValue(follow) ?? "auto";
            var followMode = followText?.ToLowerInvariant() switch
            {
                null => FollowMode.Off,
                "auto" => FollowMode.Auto,
                "text" => FollowMode.Text,
                "hex" => FollowMode.Hex,
                _ => throw new UsageException(string.Format(Strings.Capture_InvalidFollow, followText)),
            };
            var request = new CaptureRequest(
                result.GetValue(iface),
                result.GetValue(port),
                result.GetValue(filter),
                result.GetValue(count),
                result.GetValue(duration),
                result.GetValue(write),
                result.GetValue(read),
                followMode,
                result.GetValue(flow));
            // By identity, not by name: a hard link, a symbolic link or another letter case is the same file under another name.
            if (request.Read is { } source && request.Write is { } target
                && (string.Equals(Path.GetFullPath(source), Path.GetFullPath(target), StringComparison.Ordinal) || CaptureFiles.SameFile(source, target)))
            {
                throw new UsageException(string.Format(Strings.Capture_WriteOverRead, target));
            }

            try
            {
                if (result.GetValue(list))
                {
                    CaptureText.WriteInterfaces(console.Out, PcapDevices.List());
                    return ExitCode.Success;
                }

                return await CaptureAsync(console, request, token).ConfigureAwait(false);
            }
            catch (CaptureException e)
            {
                // A file that cannot be opened: the Capture layer's words, with our words for .NET's cause.
                return (ExitCode)CommandRunner.Fail(console, FileErrorText.Replace(e.Message, e.InnerException, request.Read), ExitCode.Failure);
            }
        }, ct));
        return command;
    }

    private static async Task<ExitCode> CaptureAsync(ICliConsole console, CaptureRequest request, CancellationToken token)
    {
        var owner = SudoOwner.From(Environment.GetEnvironmentVariable, Environment.IsPrivilegedProcess);
        var options = new CaptureSessionOptions(
            request.Interface,
            request.Port,
            request.Filter,
            request.Count,
            request.Duration,
            request.Write,
            request.Follow != FollowMode.Off,
            request.Flow is not null,
            owner);
        using var session = request.Read is { } file
            ? CaptureSession.OpenFile(file, options)
            : CaptureSession.OpenLive(options, SocketsOnPort);
        var live = !session.Source.IsFile;
        if (live)
        {
            console.Error.WriteLine(CaptureText.Capturing(session.Source, request.Port));
            console.Error.Flush();
        }

        var summary = await session.RunAsync(
            packet =>
            {
                console.Out.WriteLine(PacketText.Line(packet));
                if (live)
                {
                    console.Out.Flush();
                }
            },
            token).ConfigureAwait(false);

        if (summary.Streams is { } streams)
        {
            CaptureText.WriteFollow(console.Out, streams, request.Follow, summary.StreamsNotFollowed, summary.StreamTotalReached);
        }

        if (request.Flow is { } html)
        {
            var title = live ? $"netprog capture on {session.Source.Name}" : $"netprog capture: {Path.GetFileName(session.Source.Name)}";
            CaptureText.WriteFlowGraph(html, summary, title, owner);
        }

        console.Error.WriteLine(CaptureText.Summary(summary) + (request.Flow is { } f ? string.Format(Strings.Capture_FlowIn, f) : string.Empty));
        return ExitCode.Success;
    }

    /// <summary>This machine's sockets on the port (from its socket table), where the default interface is looked for.</summary>
    private static IEnumerable<(IPAddress Local, IPAddress? Remote)> SocketsOnPort(int port)
    {
        try
        {
            return [.. SocketTables.ForCurrentOs().Snapshot(new SocketFilter(Port: port))
                .Select(s => (s.Local.Address, s.Remote?.Address))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Without the socket table, loopback it is.
            return [];
        }
    }
}
