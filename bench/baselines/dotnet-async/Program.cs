// The idiomatic .NET async server of bench/run.sh: what most tutorials and answers write. One Socket, one Task
// per connection, a 64 KiB buffer per connection, await ReceiveAsync / SendAsync. No pipes, no pooling, no limits.
//   dotnet-async echo|daytime [--udp] [--port N]     prints "listening on 127.0.0.1:PORT/tcp|udp"
using System.Net;
using System.Net.Sockets;
using System.Text;

var service = args.Length > 0 ? args[0] : "echo";
var udp = args.Contains("--udp");
var portIndex = Array.IndexOf(args, "--port");
var port = portIndex >= 0 ? int.Parse(args[portIndex + 1]) : 0;
var echo = service == "echo";

using var listener = new Socket(AddressFamily.InterNetwork, udp ? SocketType.Dgram : SocketType.Stream, udp ? ProtocolType.Udp : ProtocolType.Tcp);
listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
if (!udp)
{
    listener.Listen(4096);
}

Console.WriteLine($"listening on {listener.LocalEndPoint}/{(udp ? "udp" : "tcp")}");

static byte[] Daytime() => Encoding.ASCII.GetBytes(DateTime.Now.ToString("ddd MMM d HH:mm:ss yyyy") + "\r\n");

if (udp)
{
    var buffer = new byte[65536];
    EndPoint any = new IPEndPoint(IPAddress.Any, 0);
    while (true)
    {
        var r = await listener.ReceiveFromAsync(buffer, SocketFlags.None, any);
        var reply = echo ? buffer.AsMemory(0, r.ReceivedBytes) : Daytime();
        await listener.SendToAsync(reply, SocketFlags.None, r.RemoteEndPoint);
    }
}

while (true)
{
    var socket = await listener.AcceptAsync();
    _ = Task.Run(async () =>
    {
        using (socket)
        {
            try
            {
                if (!echo)
                {
                    await socket.SendAsync(Daytime(), SocketFlags.None);
                    return;
                }

                socket.NoDelay = true;
                var buffer = new byte[65536];
                int n;
                while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None)) > 0)
                {
                    await socket.SendAsync(buffer.AsMemory(0, n), SocketFlags.None);
                }
            }
            catch (SocketException)
            {
            }
        }
    });
}
