using System.CommandLine;
using System.Globalization;
using System.Net;
using NetProg.Capture;
using NetProg.Capture.FlowGraph;
using NetProg.Capture.Live;
using NetProg.Capture.Pcap;
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
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 65535)
                {
                    return value;
                }

                r.AddError(string.Format(Strings.Usage_InvalidPort, text));
                return null;
            },
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
            if (request.Read is { } source && request.Write is { } target
                && string.Equals(Path.GetFullPath(source), Path.GetFullPath(target), StringComparison.Ordinal))
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

                return request.Read is not null
                    ? ReadFile(console, request, token)
                    : await CaptureLiveAsync(console, request, token).ConfigureAwait(false);
            }
            catch (CaptureException e)
            {
                // A file that cannot be opened: the Capture layer's words, with our words for .NET's cause.
                return (ExitCode)CommandRunner.Fail(console, FileErrorText.Replace(e.Message, e.InnerException, request.Read), ExitCode.Failure);
            }
        }, ct));
        return command;
    }

    private static ExitCode ReadFile(ICliConsole console, CaptureRequest request, CancellationToken token)
    {
        PcapFileWriter? writer = null;
        Func<CapturedFrame, bool>? compiled = null;
        PacketPipeline? pipeline = null;
        try
        {
            foreach (var frame in PcapFileReader.Read(request.Read!))
            {
                if (pipeline is null)
                {
                    // The filter is compiled for the file's link type, known from its first frame.
                    if (request.Filter is { } bpf)
                    {
                        compiled = PcapDevices.CompileFilter(bpf, frame.LinkType);
                    }

                    writer = request.Write is { } path ? PcapFileWriter.Create(path, frame.LinkType) : null;
                    pipeline = NewPipeline(request, writer, compiled);
                }

                if (token.IsCancellationRequested)
                {
                    break;
                }

                if (pipeline.Process(frame) is { } e)
                {
                    console.Out.WriteLine(PacketText.Line(e));
                    if (pipeline.Shown == request.Count)
                    {
                        break;
                    }
                }
            }

            pipeline ??= NewPipeline(request, null, null);
            Finish(console, request, pipeline, writer?.Count ?? 0, 0, null, $"netprog capture: {Path.GetFileName(request.Read)}");
            return ExitCode.Success;
        }
        finally
        {
            writer?.Dispose();
        }
    }

    private static async Task<ExitCode> CaptureLiveAsync(ICliConsole console, CaptureRequest request, CancellationToken token)
    {
        var interfaces = PcapDevices.List();
        var name = request.Interface ?? ChooseInterface(interfaces, request.Port);
        var bpf = (request.Port, request.Filter) switch
        {
            ({ } p, { } f) => $"({PortFilter.Bpf(p)}) and ({f})",
            ({ } p, null) => PortFilter.Bpf(p),
            (null, { } f) => f,
            _ => null,
        };

        using var device = PcapDevices.Open(name, bpf);
        using var writer = request.Write is { } path ? PcapFileWriter.Create(path, device.LinkType) : null;
        var pipeline = NewPipeline(request with { Port = null }, writer, null); // the port is in the BPF filter already
        using var capture = new LiveCapture(device);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        if (request.Duration is { } limit)
        {
            stop.CancelAfter(limit);
        }

        var what = request.Port is { } port ? string.Format(Strings.Capture_What_Port, port) : bpf is null ? Strings.Capture_What_Every : string.Format(Strings.Capture_What_Filter, bpf);
        var loopback = interfaces.FirstOrDefault(i => i.Name == name)?.IsLoopback == true ? $" ({Strings.Capture_LoopbackNote})" : string.Empty;
        console.Error.WriteLine(string.Format(Strings.Capture_Capturing, name, loopback, what));
        console.Error.Flush();

        capture.Start();
        try
        {
            await foreach (var frame in capture.Frames.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                var e = pipeline.Process(frame);

                // Each batch goes to the file as soon as the queue is empty, before its last line is shown: a file being
                // watched (tshark -r, Wireshark) has every packet shown so far, and a killed capture loses none of them.
                if (writer is not null && !capture.Frames.TryPeek(out _))
                {
                    writer.Flush();
                }

                if (e is not null)
                {
                    console.Out.WriteLine(PacketText.Line(e));
                    console.Out.Flush();
                    if (pipeline.Shown == request.Count)
                    {
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C or --duration: the normal end of a capture. What was captured before it is still shown (and written).
            capture.StopAndWait();
            while (pipeline.Shown != request.Count && capture.Frames.TryRead(out var frame))
            {
                if (pipeline.Process(frame) is { } e)
                {
                    console.Out.WriteLine(PacketText.Line(e));
                }
            }
        }

        capture.StopAndWait();
        Finish(console, request, pipeline, writer?.Count ?? 0, capture.Dropped, device.KernelDropped, $"netprog capture on {name}");
        return ExitCode.Success;
    }

    private static PacketPipeline NewPipeline(CaptureRequest request, PcapFileWriter? writer, Func<CapturedFrame, bool>? filter) =>
        new(new PacketPipelineOptions(request.Port, request.Follow != FollowMode.Off, request.Flow is not null))
        {
            Writer = writer,
            FrameFilter = filter,
        };

    private static void Finish(ICliConsole console, CaptureRequest request, PacketPipeline pipeline, long written, long dropped, long? kernelDropped, string title)
    {
        if (pipeline.Follower is { } follower)
        {
            follower.Complete();
            CaptureText.WriteFollow(console.Out, follower.Streams, request.Follow);
        }

        if (request.Flow is { } html)
        {
            try
            {
                using var file = new StreamWriter(CaptureFiles.CreatePrivate(html));
                file.Write(FlowGraphWriter.Render(pipeline.GraphEvents, title, pipeline.Shown));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CaptureException(CaptureErrorKind.BadFile, string.Format(Strings.Capture_CannotWrite, html, e.Message), e);
            }
        }

        console.Error.WriteLine(CaptureText.Summary(pipeline.Shown, written, request.Write, dropped, kernelDropped)
            + (request.Flow is { } f ? string.Format(Strings.Capture_FlowIn, f) : string.Empty));
    }

    /// <summary>The interface carrying the port's traffic (from this machine's socket table), else loopback.</summary>
    private static string ChooseInterface(IReadOnlyList<CaptureInterface> interfaces, int? port)
    {
        var sockets = new List<(IPAddress, IPAddress?)>();
        if (port is { } p)
        {
            try
            {
                sockets.AddRange(SocketTables.ForCurrentOs().Snapshot(new SocketFilter(Port: p))
                    .Select(s => (s.Local.Address, s.Remote?.Address)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Without the socket table, loopback it is.
            }
        }

        return DefaultInterface.Choose(interfaces, sockets)?.Name
            ?? throw new CaptureException(CaptureErrorKind.UnknownInterface, Strings.Capture_NoLoopback);
    }
}
