// The course's time_client in the fewest lines of .NET: connect, one Receive, print. What a .NET process costs from exec
// to exit before any of netprog's own code: the runtime's start (GC, threads, the image's type data) and the socket layer.
using System.Net;
using System.Net.Sockets;
using System.Text;

using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
socket.Connect(new IPEndPoint(IPAddress.Parse(args[0]), int.Parse(args[1])));
var buffer = new byte[256];
var received = socket.Receive(buffer);
Console.Out.Write(Encoding.ASCII.GetString(buffer, 0, received));
