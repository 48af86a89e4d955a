using System.CommandLine;
using NetProg.Accounts;
using NetProg.Cli.Infrastructure;
using NetProg.Cli.Rendering;
using Spectre.Console;

namespace NetProg.Cli.Commands;

/// <summary><c>netprog users add|remove|list|passwd</c>: the accounts of <c>echo-server --login</c>.</summary>
internal static class UsersCommand
{
    public static Command Create(ICliConsole console)
    {
        var command = new Command("users", Strings.Users_Description);
        command.Add(Add(console));
        command.Add(Remove(console));
        command.Add(List(console));
        command.Add(Passwd(console));
        return command;
    }

    public static Option<string?> DbOption() => new("--db")
    {
        Description = string.Format(Strings.Users_Option_Db, AccountStores.EnvironmentVariable),
        HelpName = "PATH|CONNECTION-STRING",
    };

    private static Command Add(ICliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = Strings.Users_Argument_Name };
        var stdin = PasswordStdinOption();
        var db = DbOption();
        var command = new Command("add", Strings.Users_Add_Description) { name, stdin, db };
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, async token =>
        {
            var user = result.GetValue(name)!;
            AccountNames.Validate(user);
            var password = PasswordInput.Read(console, result.GetValue(stdin), null, string.Format(Strings.EchoClient_PasswordPrompt, user), confirm: true);
            if (PasswordPolicy.Check(user, password) is not PasswordProblem.None and var problem)
            {
                // Before the store is opened: a refused password leaves no database behind.
                return (ExitCode)CommandRunner.Fail(console, PasswordPolicyText.Describe(problem, user, password), ExitCode.Failure);
            }

            using var hasher = new PasswordHasher();
            await using var store = await AccountStores.OpenAsync(result.GetValue(db), StoreEnvironment.Options(new AccountStoreOptions(), Warn(console)), token).ConfigureAwait(false);
            await store.AddAsync(user, await hasher.HashAsync(password, token).ConfigureAwait(false), token).ConfigureAwait(false);
            console.Out.WriteLine(string.Format(Strings.Users_Added, user, store.Description));
            return ExitCode.Success;
        }, ct));
        return command;
    }

    private static Command Remove(ICliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = Strings.Users_Argument_Name };
        var db = DbOption();
        var command = new Command("remove", Strings.Users_Remove_Description) { name, db };
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, async token =>
        {
            var user = result.GetValue(name)!;
            await using var store = await OpenExistingAsync(console, result.GetValue(db), token).ConfigureAwait(false);
            await store.RemoveAsync(user, token).ConfigureAwait(false);
            console.Out.WriteLine(string.Format(Strings.Users_Removed, user, store.Description));
            return ExitCode.Success;
        }, ct));
        return command;
    }

    private static Command Passwd(ICliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = Strings.Users_Argument_Name };
        var stdin = PasswordStdinOption();
        var db = DbOption();
        var command = new Command("passwd", Strings.Users_Passwd_Description) { name, stdin, db };
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, async token =>
        {
            var user = result.GetValue(name)!;
            await using var store = await OpenExistingAsync(console, result.GetValue(db), token).ConfigureAwait(false);
            if (await store.FindAsync(user, token).ConfigureAwait(false) is null)
            {
                throw new AccountException(AccountErrorKind.NotFound, string.Format(Strings.Users_NotFound, user, store.Description), user);
            }

            var password = PasswordInput.Read(console, result.GetValue(stdin), null, string.Format(Strings.Users_NewPasswordPrompt, user), confirm: true);
            if (PasswordPolicy.Check(user, password) is not PasswordProblem.None and var problem)
            {
                return (ExitCode)CommandRunner.Fail(console, PasswordPolicyText.Describe(problem, user, password), ExitCode.Failure);
            }

            using var hasher = new PasswordHasher();
            await store.SetPasswordHashAsync(user, await hasher.HashAsync(password, token).ConfigureAwait(false), token).ConfigureAwait(false);
            console.Out.WriteLine(string.Format(Strings.Users_PasswordChanged, user, store.Description));
            return ExitCode.Success;
        }, ct));
        return command;
    }

    private static Command List(ICliConsole console)
    {
        var db = DbOption();
        var command = new Command("list", Strings.Users_List_Description) { db };
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, async token =>
        {
            await using var store = await OpenExistingAsync(console, result.GetValue(db), token).ConfigureAwait(false);
            var accounts = await store.ListAsync(token).ConfigureAwait(false);
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumn(Strings.Users_Column_Name);
            table.AddColumn(Strings.Users_Column_Created);
            table.AddColumn(Strings.Users_Column_LastLogin);
            table.AddColumn(new TableColumn(Strings.Users_Column_Failed).RightAligned());
            foreach (var account in accounts)
            {
                table.AddRow(
                    Markup.Escape(account.Name),
                    account.Created.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    account.LastLogin?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? Strings.Users_Never,
                    account.FailedAttempts.ToString(CultureInfo.InvariantCulture));
            }

            var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Out), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
            ansi.Write(table);
            console.Out.WriteLine(string.Format(Strings.Users_Count, accounts.Count, store.Description));
            return ExitCode.Success;
        }, ct));
        return command;
    }

    /// <summary>
    /// The store for commands that read or change existing accounts (list, remove, passwd): never created, so a mistyped
    /// <c>--db</c> says so instead of leaving an empty database behind.
    /// </summary>
    private static async Task<IAccountStore> OpenExistingAsync(ICliConsole console, string? db, CancellationToken cancellationToken)
    {
        try
        {
            return await AccountStores.OpenAsync(db, StoreEnvironment.Options(new AccountStoreOptions { Mode = AccountStoreMode.MustExist }, Warn(console)), cancellationToken).ConfigureAwait(false);
        }
        catch (AccountException e) when (e.Kind == AccountErrorKind.StoreMissing && e.StorePath is { } path)
        {
            throw new AccountException(AccountErrorKind.StoreMissing, string.Format(Strings.Users_NoStore, path, AddCommand(db is null ? null : path)), null, e);
        }
    }

    /// <summary>A warning about the store file on stderr, one line, as the servers' log says warnings.</summary>
    private static Action<string> Warn(ICliConsole console) => line =>
    {
        console.Error.WriteLine($"netprog: warning: {line}");
        console.Error.Flush();
    };

    /// <summary>The <c>users add</c> line to type, with <c>--db</c> when the store is not found without it.</summary>
    internal static string AddCommand(string? db) =>
        $"{ProgramName.Current} users add NAME" + (db is null ? string.Empty : " --db " + (db.Contains(' ', StringComparison.Ordinal) ? $"\"{db}\"" : db));

    private static Option<bool> PasswordStdinOption() => new("--password-stdin")
    {
        Description = Strings.Users_Option_PasswordStdin,
    };
}
