using System.Runtime.InteropServices;

namespace NetProg.Integration.Tests.Netns;

/// <summary>
/// Makes sockets inside a network namespace from this test process: a socket belongs to the namespace of the thread that
/// created it (setns(2)), so a new thread joins the namespace, creates them and ends; the sockets are then used from anywhere.
/// </summary>
internal static partial class NetnsSockets
{
    private const int CloneNewNet = 0x40000000;

    public static T Create<T>(string ns, Func<T> create)
    {
        T? result = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle($"/var/run/netns/{ns}");
                if (SetNs((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"setns({ns}) failed: errno {Marshal.GetLastPInvokeError()}");
                }

                result = create();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? result! : throw new InvalidOperationException($"creating sockets in {ns} failed", failure);
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);
}
