namespace NetProg.Accounts.Internal;

internal enum LoginOutcome
{
    Succeeded,
    Failed,
    Abandoned,
}
