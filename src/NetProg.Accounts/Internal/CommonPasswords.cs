using System.Collections.Frozen;

namespace NetProg.Accounts.Internal;

/// <summary>
/// The blocklist of <see cref="PasswordPolicy"/> (NIST SP 800-63B §5.1.1.2: values from breach corpuses, and values
/// commonly used or expected): 207 of the most common passwords of the public breach lists and the yearly "most common
/// passwords" reports, keyboard walks common on Korean and US layouts (<c>1q2w3e4r</c>, <c>qwer1234</c>), and this tool's
/// own name. Only entries of at least <see cref="PasswordPolicy.MinLength"/> characters: shorter ones are refused for their
/// length already. Compared without regard to case, so <c>Password</c> and <c>PASSWORD</c> go with <c>password</c>.
/// </summary>
/// <remarks>
/// Short on purpose: a list of millions would add megabytes to the single-file binary to stop what the per-account
/// throttle already slows to about 1,400 guesses a day; the first few hundred are what an online guesser tries first.
/// </remarks>
internal static class CommonPasswords
{
    private static readonly string[] List =
    [
        "password", "12345678", "123456789", "1234567890", "12345678910", "123123123", "123321123", "11111111", "00000000",
        "22222222", "33333333", "44444444", "55555555", "66666666", "77777777", "88888888", "99999999", "12121212",
        "11223344", "12341234", "87654321", "987654321", "0987654321", "147258369", "123654789", "159753456", "741852963",
        "password1", "password12", "password123", "password1234", "password!", "passw0rd", "p@ssw0rd", "p@ssword",
        "pa$$word", "qwertyui", "qwertyuiop", "qwerty12", "qwerty123", "qwerty1234", "qwerty12345", "1qaz2wsx",
        "1qaz2wsx3edc", "qazwsxedc", "qwe12345", "qweasdzxc", "123qweasd", "123qwe123", "1q2w3e4r", "1q2w3e4r5t",
        "1q2w3e4r5t6y", "q1w2e3r4", "q1w2e3r4t5", "zaq12wsx", "zaq1zaq1", "1234qwer", "qwer1234", "asdf1234", "zxcv1234",
        "asdfghjk", "asdfghjkl", "asdfasdf", "zxcvbnm1", "zxcvbnm123", "zxcvbnma", "abcd1234", "abc12345", "abcdefgh",
        "abcdefg1", "a1234567", "a12345678", "a123456789", "1234567a", "aa123456", "aa12345678", "aaaaaaaa", "abcabcabc",
        "iloveyou", "iloveyou1", "iloveyou2", "sunshine", "sunshine1", "princess", "princess1", "football", "football1",
        "baseball", "baseball1", "basketball", "superman", "superman1", "batman123", "trustno1", "welcome1", "welcome123",
        "letmein1", "letmein123", "starwars", "whatever", "michelle", "jennifer", "computer", "computer1", "corvette",
        "mercedes", "maverick", "internet", "samantha", "jordan23", "hello123", "hello1234", "admin123", "admin1234",
        "administrator", "changeme", "changeme1", "secret123", "monkey123", "dragon123", "shadow123", "master123",
        "freedom1", "babygirl", "butterfly", "chocolate", "liverpool", "chelsea1", "arsenal1", "football123", "charlie1",
        "michael1", "jessica1", "matthew1", "midnight", "blink182", "greenday", "elephant", "sweetheart", "lovelove",
        "123456qwerty", "qwerty123456", "password2", "password11", "1password", "12qwaszx", "147852369", "963852741",
        "123454321", "1111111111", "0000000000", "1234512345", "10203040", "11112222", "12344321", "123456abc",
        "abc123456", "google123", "yankees1", "rangers1", "mustang1", "pokemon1", "minecraft", "spiderman", "iloveu12",
        "killer12", "soccer12", "hockey12", "access14", "qwertyqwerty", "letmeinnow", "myspace1", "princess12",
        "sunshine12", "1qazxsw2", "qwe123qwe", "q1w2e3r4t5y6", "correcthorsebatterystaple", "netprog1", "netprog123",
        "student1", "student123", "test1234", "testtest", "qwerty11", "asdf12345", "welcome12", "summer2024", "summer2025",
        "winter2024", "spring2025", "autumn2025", "12345abc", "abcde12345", "loveme12", "jesus123", "blessed1", "flower12",
        "angel123", "daniel12", "thomas12", "andrew12", "joshua12", "hunter12", "ranger12", "buster12", "ginger12"
    ];

    private static readonly FrozenSet<string> Set = List.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static int Count => Set.Count;

    public static bool Contains(string password) => Set.Contains(password);
}
