using System.CommandLine;
using System.Globalization;
using NetProg.Accounts;
using NetProg.Cli.Infrastructure;
using Spectre.Console;

namespace NetProg.Cli.Commands;

/// <summary><c>netprog users add|remove|list|passwd</c>: the accounts of <c>echo-server --login</c>.</summary>
internal static class UsersCommand
{
    public static Command Create(ICliConsole console)
    {
        var command = new Command("users", "Manage the accounts of echo-server --login (SQLite file by default, or PostgreSQL).");
        command.Add(Add(console));
        command.Add(Remove(console));
        command.Add(List(console));
        command.Add(Passwd(console));
        return command;
    }

    public static Option<string?> DbOption() => new("--db")
    {
        Description = $"Account store: a SQLite file path, or a PostgreSQL connection string (Host=...;Username=...). Default: ${AccountStores.EnvironmentVariable}, else accounts.db in netprog's data folder.",
        HelpName = "PATH|CONNECTION-STRING",
    };

    private static Command Add(ICliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "1-32 characters of A-Z a-z 0-9 . _ -" };
        var stdin = PasswordStdinOption();
        var db = DbOption();
        var command = new Command("add", "Add a user; asks for the password (or reads it from stdin).") { name, stdin, db };
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, async token =>
        {
            var user = result.GetValue(name)!;
            AccountNames.Validate(user);
            var password = PasswordInput.Read(console, result.GetValue(stdin), null, $"Password for {user}: ", confirm: true);
            using var hasher = new PasswordHasher();
            await using var store = await AccountStores.OpenAsync(result.GetValue(db), cancellationToken: token).ConfigureAwait(false);
            await store.AddAsync(user, await hasher.HashAsync(password, token).ConfigureAwait(false), token).ConfigureAwait(false);
            console.Out.WriteLine($"added {user} to {store.Description}");
            return ExitCode.Success;
        }, ct));
        return command;
    }

    private static Command Remove(ICliConsole console)
    {
        var name = new Argument<string>("NAME");
        var db = DbOption();
        var command = new Command("remove", "Remove a user.") { name, db };
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, async token =>
        {
            var user = result.GetValue(name)!;
            await using var store = await AccountStores.OpenAsync(result.GetValue(db), cancellationToken: token).ConfigureAwait(false);
            await store.RemoveAsync(user, token).ConfigureAwait(false);
            console.Out.WriteLine($"removed {user} from {store.Description}");
            return ExitCode.Success;
        }, ct));
        return command;
    }

    private static Command Passwd(ICliConsole console)
    {
        var name = new Argument<string>("NAME");
        var stdin = PasswordStdinOption();
        var db = DbOption();
        var command = new Command("passwd", "Set a user's password.") { name, stdin, db };
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, async token =>
        {
            var user = result.GetValue(name)!;
            await using var store = await AccountStores.OpenAsync(result.GetValue(db), cancellationToken: token).ConfigureAwait(false);
            if (await store.FindAsync(user, token).ConfigureAwait(false) is null)
            {
                throw new AccountException(AccountErrorKind.NotFound, $"no user '{user}' in {store.Description}", user);
            }

            var password = PasswordInput.Read(console, result.GetValue(stdin), null, $"New password for {user}: ", confirm: true);
            using var hasher = new PasswordHasher();
            await store.SetPasswordHashAsync(user, await hasher.HashAsync(password, token).ConfigureAwait(false), token).ConfigureAwait(false);
            console.Out.WriteLine($"password of {user} changed in {store.Description}");
            return ExitCode.Success;
        }, ct));
        return command;
    }

    private static Command List(ICliConsole console)
    {
        var db = DbOption();
        var command = new Command("list", "List users: name, created, last login, failed attempts.") { db };
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, async token =>
        {
            await using var store = await AccountStores.OpenAsync(result.GetValue(db), cancellationToken: token).ConfigureAwait(false);
            var accounts = await store.ListAsync(token).ConfigureAwait(false);
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumn("name");
            table.AddColumn("created");
            table.AddColumn("last login");
            table.AddColumn(new TableColumn("failed attempts").RightAligned());
            foreach (var account in accounts)
            {
                table.AddRow(
                    Markup.Escape(account.Name),
                    account.Created.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    account.LastLogin?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never",
                    account.FailedAttempts.ToString(CultureInfo.InvariantCulture));
            }

            var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Out), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
            ansi.Write(table);
            console.Out.WriteLine($"{accounts.Count} user(s) in {store.Description}");
            return ExitCode.Success;
        }, ct));
        return command;
    }

    private static Option<bool> PasswordStdinOption() => new("--password-stdin")
    {
        Description = "Read the password from the first line of stdin instead of asking at the terminal.",
    };
}
