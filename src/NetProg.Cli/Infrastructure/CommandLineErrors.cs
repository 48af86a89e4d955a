using System.CommandLine;
using System.CommandLine.Parsing;
using NetProg.Protocols.Ports;

namespace NetProg.Cli.Infrastructure;

/// <summary>
/// A command line the parser rejects, in netprog's words: what is wrong and the whole command to look up. System.CommandLine's
/// ParseError carries no kind, only the symbol it is about, so the kind is read from the parse: words nothing took
/// (<see cref="ParseResult.UnmatchedTokens"/>), an option given without its value or more than once, a required option or
/// argument that is absent, a command group without its command. Every other error comes from netprog's own parsers and
/// validators (CommonOptions and the commands) and is already in its words.
/// </summary>
internal static class CommandLineErrors
{
    /// <summary>
    /// True when the line names a command group (<c>netprog</c>, <c>netprog users</c>) and nothing else but <c>--lang</c>: then
    /// its help page is the answer, as <c>git</c>, <c>gh</c> and <c>kubectl</c> print their command list.
    /// </summary>
    public static bool IsBareGroup(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        if (command.Subcommands.Count == 0 || command.Action is not null || parse.UnmatchedTokens.Count > 0
            || parse.Errors.Any(e => e.SymbolResult is not CommandResult))
        {
            return false;
        }

        for (SymbolResult? result = parse.CommandResult; result is not null; result = result.Parent)
        {
            if (result is CommandResult commandResult
                && commandResult.Children.Any(c => c is not (CommandResult or OptionResult { Option.Name: UiLanguage.OptionName })))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One line: the first thing wrong, then where to read more (<c>See 'netprog users add --help'</c>).</summary>
    public static string Describe(ParseResult parse, IReadOnlyList<string> args)
    {
        var command = parse.CommandResult.Command;
        var error = parse.Errors.FirstOrDefault(e => e.SymbolResult is null) ?? parse.Errors[0];
        var message = parse.UnmatchedTokens.Count > 0 ? Unmatched(command, parse.UnmatchedTokens[0])
            // A client's HOST takes any word, an unknown option too: said as for a server, which has no argument to take it.
            : error.SymbolResult is ArgumentResult { Parent: CommandResult, Tokens: [{ Value: var word }] } && LooksLikeOption(word) ? Unmatched(command, word)
            : Describe(error, command, args);
        return string.Format(Strings.Usage_SeeHelp, message.TrimEnd('.'), CommandPath.Help(command));
    }

    private static string Describe(ParseError error, Command command, IReadOnlyList<string> args) => error.SymbolResult switch
    {
        OptionResult { Option: VersionOption } => Strings.Usage_VersionAlone,
        OptionResult { IdentifierToken: null } o =>
            string.Format(Strings.Usage_Needs, CommandPath.Full(command), $"{o.Option.Name} {HelpPage.ValueName(o.Option)}".TrimEnd()),
        OptionResult o when o.Tokens.Count == 0 && o.Option.Arity.MinimumNumberOfValues > 0 =>
            string.Format(Strings.Usage_MissingOptionValue, o.IdentifierToken.Value, HelpPage.ValueName(o.Option)),
        OptionResult o when o.Tokens.Count > o.Option.Arity.MaximumNumberOfValues =>
            string.Format(Strings.Usage_OptionRepeated, o.IdentifierToken?.Value ?? o.Option.Name, o.Tokens.Count),
        ArgumentResult { Parent: CommandResult } a when a.Tokens.Count < a.Argument.Arity.MinimumNumberOfValues =>
            string.Format(Strings.Usage_Needs, CommandPath.Full(command), a.Argument.Name),
        CommandResult when command.Subcommands.Count > 0 =>
            string.Format(Strings.Usage_MissingCommand, CommandPath.Full(command), string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))),
        null when args.FirstOrDefault(a => a.StartsWith('@')) is { } file =>
            string.Format(Strings.Usage_ResponseFile, file[1..]),
        _ => error.Message,
    };

    private static string Unmatched(Command command, string token)
    {
        if (LooksLikeOption(token))
        {
            var names = HelpPage.VisibleOptions(command)
                .SelectMany(o => o.Aliases.Prepend(o.Name))
                .Where(n => n.StartsWith('-') && (n.StartsWith("--", StringComparison.Ordinal) == token.StartsWith("--", StringComparison.Ordinal)));
            return Suggestions.Closest(token, names) is { Count: > 0 } close
                ? string.Format(Strings.Usage_UnknownOptionDidYouMean, token, Alternatives(close))
                : string.Format(Strings.Usage_UnknownOption, token);
        }

        if (command.Subcommands.Count > 0)
        {
            var prefix = CommandPath.Words(command) is { Length: > 0 } words ? words + " " : string.Empty;
            var commands = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToArray();
            return Suggestions.Closest(token, commands) is { Count: > 0 } close
                ? string.Format(Strings.Usage_UnknownCommandDidYouMean, prefix + token, Alternatives(close.Select(c => prefix + c).ToArray()))
                : string.Format(Strings.Usage_UnknownCommand, prefix + token, string.Join(", ", commands));
        }

        var portOption = command.Options.FirstOrDefault(o => o.Name == "--port");
        if (portOption is not null && PortSyntax.TryParsePort(token, allowZero: true, out _, out _))
        {
            // The course's programs take the port as an argument (time_server [port]); netprog's servers take --port.
            return string.Format(Strings.Usage_PortIsAnOption, token, $"{CommandPath.Full(command)} --port {token}");
        }

        return command.Arguments.Any(a => !a.Hidden)
            ? string.Format(Strings.Usage_TooManyArguments, token, CommandPath.Full(command), HelpPage.ArgumentsUsage(command))
            : string.Format(Strings.Usage_NoArguments, token, CommandPath.Full(command));
    }

    private static bool LooksLikeOption(string word) =>
        word.Length > 1 && word[0] == '-' && !int.TryParse(word, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static string Alternatives(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + Strings.Usage_Or + names[^1];
}
