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

    private static readonly TimeSpan ReadTimeout = TimeSpan.FromMilliseconds(ReadTimeoutMilliseconds);

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
            throw new CaptureException(CaptureErrorKind.DeviceFailed, string.Format(Strings.Error_CannotList, e.Message), e);
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
                string.Format(Strings.Error_NoInterface, name, string.Join(", ", all.Select(i => i.Name))));
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
                ? new CaptureException(CaptureErrorKind.UnknownInterface, string.Format(Strings.Error_NoInterfaceDetail, name, e.Message), e)
                : new CaptureException(CaptureErrorKind.DeviceFailed, string.Format(Strings.Error_CannotCapture, name, e.Message), e);
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

        return new PcapLiveDevice(device, ReadTimeout);
    }

    /// <summary>
    /// A capture file as a device: libpcap reads it (<c>pcap_open_offline</c>) with <paramref name="filter"/> compiled as for an
    /// interface, and the capture loop reads it as it reads one, on its thread, through its queue, with no privileges. After the
    /// last frame it reads as an interface with no traffic. (<c>--read</c> does not come this way: it needs no libpcap.)
    /// </summary>
    internal static ILiveDevice OpenFile(string path, string? filter)
    {
        var device = new CaptureFileReaderDevice(path);
        try
        {
            try
            {
                device.Open();
            }
            catch (Exception e) when (IsLibraryMissing(e))
            {
                throw LibraryMissing(e);
            }
            catch (PcapException e)
            {
                throw new CaptureException(CaptureErrorKind.BadFile, string.Format(Strings.Error_CannotRead, path, e.Message), e);
            }

            if (!string.IsNullOrWhiteSpace(filter))
            {
                try
                {
                    device.Filter = filter;
                }
                catch (PcapException e)
                {
                    throw BadFilter(filter, e);
                }
            }

            return new PcapLiveDevice(device, ReadTimeout);
        }
        catch
        {
            // Whatever failed, the file is closed: the caller gets either a device that owns it or an exception.
            device.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Compiles <paramref name="filter"/> for frames of <paramref name="linkType"/> (used on files, where no device is open).
    /// The caller owns the program (a libpcap <c>bpf_program</c>, freed by <c>pcap_freecode</c> when disposed).
    /// </summary>
    internal static BpfProgram CompileFilter(string filter, LinkLayers linkType)
    {
        try
        {
            return BpfProgram.Create(linkType, filter, 1, 0);
        }
        catch (Exception e) when (IsLibraryMissing(e))
        {
            throw LibraryMissing(e);
        }
        catch (PcapException e)
        {
            throw BadFilter(filter, e);
        }
    }

    private static CaptureException BadFilter(string filter, Exception e) =>
        new(CaptureErrorKind.BadFilter, string.Format(Strings.Error_BadFilter, filter, e.Message.Trim()), e);

    internal static CaptureException NotPermitted(string name, Exception e) => new(
        CaptureErrorKind.NotPermitted,
        string.Format(Strings.Error_NotPermitted, name),
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
            ? Strings.Error_NoNpcap
            : OperatingSystem.IsMacOS()
                ? Strings.Error_NoLibpcapMac
                : Strings.Error_NoLibpcap,
        e);
}
