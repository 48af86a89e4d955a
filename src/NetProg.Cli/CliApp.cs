using System.CommandLine;
using NetProg.Cli.Commands;
using NetProg.Cli.Infrastructure;

namespace NetProg.Cli;

/// <summary>The command tree, and the one place where a wrong command line becomes one line and exit code 2.</summary>
internal static class CliApp
{
    public static RootCommand Build(ICliConsole console)
    {
        var root = new RootCommand("netprog: the course's socket programs (time and echo, TCP and UDP) and the tools to make them talk across real networks.")
        {
            LabCommand.Create(console),
            TimeServerCommand.Create(console),
            TimeClientCommand.Create(console),
            EchoServerCommand.Create(console),
            EchoClientCommand.Create(console),
            UsersCommand.Create(console),
            DoctorCommand.Create(console),
            IpCommand.Create(console),
            RouteCommand.Create(console),
            SocketsCommand.Create(console),
            ForwardCommand.Create(console),
            CaptureCommand.Create(console),
            BenchCommand.Create(console),
            CompletionCommand.Create(console),
        };
        return root;
    }

    public static async Task<int> RunAsync(string[] args, ICliConsole console, CancellationToken cancellationToken)
    {
        var root = Build(console);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var command = parse.CommandResult.Command;
            var help = command == root ? "netprog --help" : $"netprog {command.Name} --help";
            return CommandRunner.Fail(console, $"{parse.Errors[0].Message.TrimEnd('.')}. See '{help}'.", ExitCode.Usage);
        }

        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            // Signals are ours (ShutdownSignal): servers drain in-flight work before exiting.
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
