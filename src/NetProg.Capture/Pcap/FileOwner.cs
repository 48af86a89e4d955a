namespace NetProg.Capture.Pcap;

/// <summary>
/// Who a capture file is given to: the user a root capture runs for (sudo's <c>SUDO_UID</c> and <c>SUDO_GID</c>, read by
/// the command line), as tcpdump's <c>-Z</c> hands its output file to the user it drops privileges to (tcpdump(8)).
/// </summary>
/// <param name="UserId">The owner's uid (chown(2)).</param>
/// <param name="GroupId">The owner's gid.</param>
public readonly record struct FileOwner(uint UserId, uint GroupId);
