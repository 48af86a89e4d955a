using System.Net;
using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;

namespace NetProg.Capture.Live;

/// <summary>
/// SharpPcap's device list and open, with every failure turned into a <see cref="CaptureException"/> whose message says what
/// to do: the native library missing, no permission, an unknown interface, a filter libpcap cannot compile.
/// </summary>
public static class PcapDevices
{
    /// <summary>How long one read waits before the loop checks for a stop: bounds the delay of Ctrl+C, --count and --duration.</summary>
    private const int ReadTimeoutMilliseconds = 100;

    public static IReadOnlyList<CaptureInterface> List()
    {
        try
        {
            return [.. LibPcapLiveDeviceList.New().Select(d => new CaptureInterface(
                d.Name,
                string.IsNullOrWhiteSpace(d.Description) ? d.Interface?.FriendlyName : d.Description,
                [.. d.Addresses.Select(a => a.Addr?.ipAddress).OfType<IPAddress>()],
                d.Loopback))];
        }
        catch (Exception e) when (IsLibraryMissing(e))
        {
            throw LibraryMissing(e);
        }
        catch (PcapException e)
        {
            throw new CaptureException(CaptureErrorKind.DeviceFailed, $"cannot list capture interfaces: {e.Message}", e);
        }
    }

    /// <summary>Opens <paramref name="name"/> (not promiscuous: the teaching view is about this machine's own traffic) with <paramref name="filter"/>.</summary>
    public static ILiveDevice Open(string name, string? filter)
    {
        LibPcapLiveDevice? device;
        IReadOnlyList<CaptureInterface> all;
        try
        {
            var list = LibPcapLiveDeviceList.New();
            device = list.FirstOrDefault(d => d.Name == name);
            all = List();
        }
        catch (Exception e) when (IsLibraryMissing(e))
        {
            throw LibraryMissing(e);
        }

        if (device is null)
        {
            throw new CaptureException(
                CaptureErrorKind.UnknownInterface,
                $"no capture interface named '{name}'. This machine has: {string.Join(", ", all.Select(i => i.Name))} (see 'netprog capture --list-interfaces').");
        }

        try
        {
            device.Open(new DeviceConfiguration
            {
                Mode = DeviceModes.None,
                ReadTimeout = ReadTimeoutMilliseconds,
                Snaplen = 262144,
                // Deliver each packet at once instead of filling a buffer first: the view is live (pcap_set_immediate_mode).
                Immediate = true,
            });
        }
        catch (PcapException e) when (e.Error is PcapError.PermissionDenied or PcapError.PromiscuousPermissionDenied
            || e.Message.Contains("permission", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("not permitted", StringComparison.OrdinalIgnoreCase))
        {
            device.Dispose();
            throw NotPermitted(name, e);
        }
        catch (PcapException e)
        {
            device.Dispose();
            throw e.Error == PcapError.NoSuchDevice
                ? new CaptureException(CaptureErrorKind.UnknownInterface, $"no capture interface named '{name}': {e.Message}", e)
                : new CaptureException(CaptureErrorKind.DeviceFailed, $"cannot capture on '{name}': {e.Message}", e);
        }

        if (!string.IsNullOrWhiteSpace(filter))
        {
            try
            {
                device.Filter = filter;
            }
            catch (PcapException e)
            {
                device.Dispose();
                throw BadFilter(filter, e);
            }
        }

        return new PcapLiveDevice(device);
    }

    /// <summary>Compiles <paramref name="filter"/> for frames of <paramref name="linkType"/> (used on files, where no device is open).</summary>
    public static Func<CapturedFrame, bool> CompileFilter(string filter, LinkLayers linkType)
    {
        BpfProgram program;
        try
        {
            program = BpfProgram.Create(linkType, filter, 1, 0);
        }
        catch (Exception e) when (IsLibraryMissing(e))
        {
            throw LibraryMissing(e);
        }
        catch (PcapException e)
        {
            throw BadFilter(filter, e);
        }

        return frame => program.Matches(frame.Data);
    }

    private static CaptureException BadFilter(string filter, Exception e) =>
        new(CaptureErrorKind.BadFilter, $"invalid filter '{filter}': {e.Message.Trim()} (the syntax is tcpdump's, see 'man pcap-filter'; e.g. 'tcp port 30000', 'udp and host 10.0.0.5').", e);

    internal static CaptureException NotPermitted(string name, Exception e) => new(
        CaptureErrorKind.NotPermitted,
        $"not permitted to capture on '{name}': capturing packets needs administrator rights. On Linux run it with sudo, or allow it once with " +
        $"'sudo setcap cap_net_raw,cap_net_admin+eip $(readlink -f $(which dotnet))'; on macOS use sudo (or Wireshark's ChmodBPF); " +
        $"on Windows install Npcap (https://npcap.com) and run as administrator unless Npcap was installed for all users. " +
        $"Reading a saved file needs no rights: netprog capture --read FILE.pcap.",
        e);

    private static bool IsLibraryMissing(Exception e) => e switch
    {
        DllNotFoundException => true,
        EntryPointNotFoundException => true,
        TypeInitializationException { InnerException: { } inner } => IsLibraryMissing(inner),
        _ => false,
    };

    private static CaptureException LibraryMissing(Exception e) => new(
        CaptureErrorKind.LibraryMissing,
        OperatingSystem.IsWindows()
            ? "Npcap is not installed: packet capture on Windows needs it. Install it from https://npcap.com (tick \"WinPcap API-compatible mode\"), then try again. Reading a saved file without a filter needs nothing: netprog capture --read FILE.pcap."
            : OperatingSystem.IsMacOS()
                ? "libpcap could not be loaded (it is part of macOS; reinstall the Xcode command line tools, or 'brew install libpcap')."
                : "libpcap is not installed: packet capture needs it. Install it with 'sudo apt-get install libpcap0.8' (Debian, Ubuntu), 'sudo dnf install libpcap' (Fedora) or 'sudo pacman -S libpcap' (Arch). Reading a saved file without a filter needs nothing: netprog capture --read FILE.pcap.",
        e);
}
