namespace NetProg.Capture;

/// <summary>Why a capture could not start or a file could not be read; the CLI turns each into plain words.</summary>
public enum CaptureErrorKind
{
    /// <summary>Opening a device needs root/administrator or the capture capabilities (libpcap: PCAP_ERROR_PERM_DENIED).</summary>
    NotPermitted,

    /// <summary>libpcap (Linux, macOS) or Npcap (Windows) is not installed: the native library did not load.</summary>
    LibraryMissing,

    /// <summary>No capture device has the name given.</summary>
    UnknownInterface,

    /// <summary>libpcap could not compile the BPF filter.</summary>
    BadFilter,

    /// <summary>The file is missing, unreadable or not a pcap/pcapng file.</summary>
    BadFile,

    /// <summary>libpcap reported an error while capturing.</summary>
    DeviceFailed,
}
