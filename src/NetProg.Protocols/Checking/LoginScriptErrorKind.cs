namespace NetProg.Protocols.Checking;

/// <summary>Why a login transcript cannot be used. The caller words it (in the user's language) with the line number.</summary>
public enum LoginScriptErrorKind
{
    /// <summary>The file is larger than <see cref="LoginScript.MaxBytes"/> (line 0: the whole file).</summary>
    TooLarge,

    /// <summary>A line is not valid UTF-8.</summary>
    NotUtf8,

    /// <summary>A line is longer than <see cref="LoginScript.MaxLineLength"/> characters.</summary>
    LineTooLong,

    /// <summary>A line holds a control character other than a tab (a lone CR, NUL, ESC): it could not be sent as one line.</summary>
    ControlCharacter,

    /// <summary>The first word is none of <c>&gt;</c>, <c>&lt;</c>, <c>echo</c>, <c>eol</c>, <c>#</c>; the detail is that word.</summary>
    UnknownDirective,

    /// <summary>A directive lacks its argument (<c>echo</c> without text, <c>eol</c> without lf or crlf); the detail is the directive.</summary>
    MissingArgument,

    /// <summary><c>eol</c> with something other than <c>lf</c> or <c>crlf</c>; the detail is what was given.</summary>
    BadLineEnding,

    /// <summary><c>${...}</c> other than <c>${user}</c> and <c>${password}</c>, or a <c>${</c> never closed; the detail is the placeholder.</summary>
    UnknownPlaceholder,

    /// <summary>The regex of a <c>&lt;</c> line does not parse; the detail is .NET's error name and the offset in the pattern.</summary>
    BadRegex,

    /// <summary>More than <see cref="LoginScript.MaxSteps"/> steps.</summary>
    TooManySteps,

    /// <summary>No step at all (line 0).</summary>
    Empty,

    /// <summary>No <c>&gt;</c> line sends <c>${user}</c> (line 0): the checks vary the user name.</summary>
    NoUser,

    /// <summary>No <c>&gt;</c> line sends <c>${password}</c> (line 0): the checks vary the password.</summary>
    NoPassword,

    /// <summary>No <c>&lt;</c> line after the one that sends the password (its line): nothing says the login worked.</summary>
    NoSuccessReply,

    /// <summary>A placeholder the script uses has no value (the detail is <c>user</c> or <c>password</c>; the line is its first use).</summary>
    MissingValue,

    /// <summary>A value holds CR, LF or NUL and cannot be sent inside one line (the detail is <c>user</c> or <c>password</c>).</summary>
    BadValue,
}
