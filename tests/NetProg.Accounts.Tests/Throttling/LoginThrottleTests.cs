namespace NetProg.Accounts.Tests.Throttling;

/// <summary>
/// Brute-force defence: failed attempts throttled per client address and per account with a growing delay; a refused attempt
/// is answered <c>421 too many attempts, try later</c>. The account's block does not reach an address its owner logged in from
/// recently (guessing must not lock the owner out). Time is a <see cref="ManualClock"/>: no sleeping.
/// </summary>
public sealed class LoginThrottleTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.10");

    private readonly ManualClock clock = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Should_let_the_free_failures_through_then_refuse_for_the_first_delay()
    {
        // Given the defaults: 5 free failures per account
        var throttle = new LoginThrottle(clock: clock);

        // When 5 attempts fail
        for (var i = 0; i < 5; i++)
        {
            Fail(throttle, Client, "alice");
        }

        // Then the 6th is refused for 1 s, and allowed once that second has passed
        Assert.Null(throttle.TryBegin(Client, "alice", out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(1), retryAfter);
        clock.Advance(TimeSpan.FromSeconds(1));
        using var attempt = throttle.TryBegin(Client, "alice", out _);
        Assert.NotNull(attempt);
    }

    [Fact]
    public void Should_double_the_delay_after_each_further_failure_up_to_the_cap()
    {
        // Given 1 free failure, delays from 1 s capped at 10 s
        var throttle = new LoginThrottle(Options(freePerAccount: 1, maxDelay: TimeSpan.FromSeconds(10)), clock);
        var delays = new List<double>();

        // When every allowed attempt fails
        for (var i = 0; i < 6; i++)
        {
            Fail(throttle, Client, "bob");
            Assert.Null(throttle.TryBegin(Client, "bob", out var retryAfter));
            delays.Add(retryAfter.TotalSeconds);
            clock.Advance(retryAfter);
        }

        // Then
        Assert.Equal([1, 2, 4, 8, 10, 10], delays);
    }

    [Fact]
    public void Should_report_the_rest_of_the_delay_as_retry_after()
    {
        // Given an account refused for 4 s
        var throttle = new LoginThrottle(Options(freePerAccount: 1), clock);
        Fail(throttle, Client, "carol");
        clock.Advance(TimeSpan.FromSeconds(1));
        Fail(throttle, Client, "carol");
        clock.Advance(TimeSpan.FromSeconds(2));
        Fail(throttle, Client, "carol");

        // When 1.5 s of it have passed
        clock.Advance(TimeSpan.FromSeconds(1.5));

        // Then
        Assert.Null(throttle.TryBegin(Client, "carol", out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(2.5), retryAfter);
    }

    [Fact]
    public void Should_throttle_an_account_attacked_from_many_addresses()
    {
        // Given 5 failures on one account, each from another address
        var throttle = new LoginThrottle(clock: clock);
        for (var i = 1; i <= 5; i++)
        {
            Fail(throttle, IPAddress.Parse($"198.51.100.{i}"), "dave");
        }

        // When a sixth address tries that account, and another account
        var onAccount = throttle.TryBegin(IPAddress.Parse("198.51.100.99"), "dave", out _);
        using var onOther = throttle.TryBegin(IPAddress.Parse("198.51.100.99"), "erin", out _);

        // Then the account is throttled for everyone, the addresses are not
        Assert.Null(onAccount);
        Assert.NotNull(onOther);
    }

    [Fact]
    public void Should_throttle_an_address_that_tries_many_accounts()
    {
        // Given the defaults: 20 free failures per address
        var throttle = new LoginThrottle(clock: clock);
        for (var i = 0; i < 20; i++)
        {
            Fail(throttle, Client, $"user{i}");
        }

        // When that address tries a fresh account, and another address tries it
        var fromAttacker = throttle.TryBegin(Client, "fresh", out var retryAfter);
        using var fromOther = throttle.TryBegin(IPAddress.Parse("192.0.2.11"), "fresh", out _);

        // Then
        Assert.Null(fromAttacker);
        Assert.Equal(TimeSpan.FromSeconds(1), retryAfter);
        Assert.NotNull(fromOther);
    }

    [Fact]
    public void Should_forget_failures_after_the_quiet_period()
    {
        // Given 4 failures (one short of a delay)
        var throttle = new LoginThrottle(clock: clock);
        for (var i = 0; i < 4; i++)
        {
            Fail(throttle, Client, "frank");
        }

        // When 15 minutes pass without a failure, and 4 more fail
        clock.Advance(TimeSpan.FromMinutes(15));
        for (var i = 0; i < 4; i++)
        {
            Fail(throttle, Client, "frank");
        }

        // Then the count started over: still no delay, and nothing is kept once all is quiet
        using (var attempt = throttle.TryBegin(Client, "frank", out _))
        {
            Assert.NotNull(attempt);
        }

        clock.Advance(TimeSpan.FromMinutes(15));
        using (throttle.TryBegin(Client, "frank", out _))
        {
        }

        Assert.Equal(0, throttle.TrackedAccounts);
        Assert.Equal(0, throttle.TrackedAddresses);
    }

    [Fact]
    public void Should_reset_the_account_but_not_the_address_on_success()
    {
        // Given 4 failed attempts from one address on one account (2 free per address in this setup: 4 > 2)
        var throttle = new LoginThrottle(Options(freePerAccount: 5, freePerAddress: 4), clock);
        for (var i = 0; i < 3; i++)
        {
            Fail(throttle, Client, "grace");
        }

        // When the owner logs in from another address
        using (var owner = throttle.TryBegin(IPAddress.Parse("203.0.113.5"), "grace", out _))
        {
            owner!.Succeeded();
        }

        // Then the account starts over, but the guessing address keeps its count: one more failure and it waits
        Fail(throttle, Client, "other");
        Assert.Null(throttle.TryBegin(Client, "grace", out _));
        using var fromOwner = throttle.TryBegin(IPAddress.Parse("203.0.113.5"), "grace", out _);
        Assert.NotNull(fromOwner);
    }

    [Fact]
    public void Should_not_let_a_burst_of_parallel_attempts_past_the_free_failures()
    {
        // Given an attacker who opens 10 connections and sends a password on each before any is checked
        var throttle = new LoginThrottle(clock: clock);

        // When
        var attempts = Enumerable.Range(0, 10).Select(i => throttle.TryBegin(IPAddress.Parse($"198.51.100.{i}"), "heidi", out _)).ToList();

        // Then only as many as there are free failures are in flight; the rest wait
        Assert.Equal(5, attempts.Count(a => a is not null));
        foreach (var attempt in attempts)
        {
            attempt?.Failed();
        }

        Assert.Null(throttle.TryBegin(Client, "heidi", out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(1), retryAfter);
    }

    [Fact]
    public void Should_let_a_whole_classroom_behind_one_address_log_in_at_once()
    {
        // Given 100 students behind one NAT address, each logging in to their own account at the start of a lab
        var throttle = new LoginThrottle(clock: clock);

        // When all their attempts are in flight together
        var attempts = Enumerable.Range(0, 100).Select(i => throttle.TryBegin(Client, $"student{i}", out _)).ToList();

        // Then none is refused: a clean address is not limited by attempts in flight, only by failures
        Assert.All(attempts, Assert.NotNull);
        foreach (var attempt in attempts)
        {
            attempt!.Succeeded();
        }
    }

    [Fact]
    public void Should_let_only_one_attempt_in_flight_once_delays_have_begun()
    {
        // Given an account at its free limit, after its delay
        var throttle = new LoginThrottle(Options(freePerAccount: 1), clock);
        Fail(throttle, Client, "ivan");
        clock.Advance(TimeSpan.FromSeconds(1));

        // When two attempts arrive together
        using var first = throttle.TryBegin(Client, "ivan", out _);
        var second = throttle.TryBegin(IPAddress.Parse("192.0.2.77"), "ivan", out _);

        // Then
        Assert.NotNull(first);
        Assert.Null(second);
    }

    [Fact]
    public void Should_count_nothing_for_an_attempt_abandoned_before_its_outcome()
    {
        // Given 5 attempts whose clients left before the password was checked
        var throttle = new LoginThrottle(clock: clock);
        for (var i = 0; i < 5; i++)
        {
            throttle.TryBegin(Client, "judy", out _)!.Dispose();
        }

        // When / Then nothing counted, nothing is kept
        using var attempt = throttle.TryBegin(Client, "judy", out _);
        Assert.NotNull(attempt);
        Assert.Equal(1, throttle.TrackedAccounts);
    }

    [Fact]
    public void Should_refuse_a_second_outcome_for_one_attempt()
    {
        var throttle = new LoginThrottle(clock: clock);
        using var attempt = throttle.TryBegin(Client, "ken", out _)!;
        attempt.Failed();

        Assert.Throws<InvalidOperationException>(attempt.Succeeded);
    }

    [Fact]
    public void Should_count_an_IPv6_client_per_64_prefix_and_a_mapped_IPv4_client_as_IPv4()
    {
        // Given 1 free failure per address, spent from one address of a /64 and from a mapped IPv4 address
        var throttle = new LoginThrottle(Options(freePerAddress: 1), clock);
        Fail(throttle, IPAddress.Parse("2001:db8:1:2::1"), "a1");
        Fail(throttle, IPAddress.Parse("::ffff:192.0.2.10"), "a2");

        // When the same host tries from another address of its /64, and as plain IPv4; a neighbour /64 tries too
        var rotated = throttle.TryBegin(IPAddress.Parse("2001:db8:1:2:dead:beef:1:2"), "b1", out _);
        var plain = throttle.TryBegin(Client, "b2", out _);
        using var neighbour = throttle.TryBegin(IPAddress.Parse("2001:db8:1:3::1"), "b3", out _);

        // Then
        Assert.Null(rotated);
        Assert.Null(plain);
        Assert.NotNull(neighbour);
    }

    [Fact]
    public void Should_throttle_invalid_names_together_and_unknown_valid_names_one_by_one()
    {
        // Given 5 failures with names that cannot exist, from many addresses
        var throttle = new LoginThrottle(clock: clock);
        for (var i = 0; i < 5; i++)
        {
            Fail(throttle, IPAddress.Parse($"198.51.100.{i}"), $"bad name {i}");
        }

        // When
        var anotherInvalid = throttle.TryBegin(IPAddress.Parse("198.51.100.50"), new string('x', 500), out _);
        using var valid = throttle.TryBegin(IPAddress.Parse("198.51.100.50"), "nosuchuser", out _);

        // Then invalid names share one key (they cannot log in anyway, and cannot fill the table), valid ones do not
        Assert.Null(anotherInvalid);
        Assert.NotNull(valid);
    }

    [Fact]
    public void Should_stay_within_the_key_cap_and_keep_the_keys_under_attack()
    {
        // Given a small table, and one account with many failures
        var throttle = new LoginThrottle(Options(freePerAccount: 3, maxTrackedKeys: 50), clock);
        for (var i = 0; i < 3; i++)
        {
            Fail(throttle, IPAddress.Parse($"203.0.113.{i}"), "target");
        }

        // When 1,000 other names and addresses fail once each
        for (var i = 0; i < 1000; i++)
        {
            Fail(throttle, new IPAddress(0x0A000000 + i), $"spray{i}");
        }

        // Then the tables stayed bounded, and the attacked account is still throttled
        Assert.InRange(throttle.TrackedAccounts, 1, 50);
        Assert.InRange(throttle.TrackedAddresses, 1, 50);
        Assert.Null(throttle.TryBegin(IPAddress.Parse("203.0.113.200"), "target", out _));
    }

    [Fact]
    public void Should_let_the_owner_in_from_an_address_she_logged_in_from_while_another_address_keeps_guessing()
    {
        // Given alice logged in from 10.0.0.5 once, and an attacker at 10.0.0.66 who then guesses her password for an hour,
        // whenever the throttle lets him
        var throttle = new LoginThrottle(clock: clock);
        var home = IPAddress.Parse("10.0.0.5");
        var attacker = IPAddress.Parse("10.0.0.66");
        Succeed(throttle, home, "alice");
        var start = clock.GetUtcNow();
        var nextGuess = start;
        var guesses = 0;
        var homeRefused = 0;
        var strangerRefused = 0;

        // When alice tries again every minute of that hour, from 10.0.0.5 and from an address she never used
        for (var minute = 1; minute <= 60; minute++)
        {
            var ownerTurn = start + TimeSpan.FromMinutes(minute);
            while (nextGuess < ownerTurn)
            {
                clock.Advance(nextGuess - clock.GetUtcNow());
                var guess = throttle.TryBegin(attacker, "alice", out var retryAfter);
                if (guess is null)
                {
                    nextGuess += retryAfter;
                    continue;
                }

                guess.Failed();
                guesses++;
            }

            clock.Advance(ownerTurn - clock.GetUtcNow());
            using (var stranger = throttle.TryBegin(IPAddress.Parse("10.0.0.9"), "alice", out _))
            {
                strangerRefused += stranger is null ? 1 : 0;
            }

            var owner = throttle.TryBegin(home, "alice", out _);
            if (owner is null)
            {
                homeRefused++;
            }
            else
            {
                owner.Succeeded();
            }
        }

        // Then she got in every time from 10.0.0.5; a stranger's address stayed blocked, and the guessing stayed slow
        Assert.Equal(0, homeRefused);
        Assert.InRange(strangerRefused, 55, 60);
        Assert.InRange(guesses, 5, 100);
    }

    [Fact]
    public void Should_block_a_known_address_that_fails_beyond_its_own_budget()
    {
        // Given alice's address, known from a success, and the account blocked by another address
        var throttle = new LoginThrottle(clock: clock);
        var home = IPAddress.Parse("10.0.0.5");
        Succeed(throttle, home, "alice");
        for (var i = 0; i < 5; i++)
        {
            Fail(throttle, IPAddress.Parse("10.0.0.66"), "alice");
        }

        // When 5 guesses fail from the known address itself
        for (var i = 0; i < 5; i++)
        {
            Fail(throttle, home, "alice");
        }

        // Then it is throttled like any other address: the exemption is no way around the per-account budget
        Assert.Null(throttle.TryBegin(home, "alice", out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(1), retryAfter);
    }

    [Fact]
    public void Should_stop_exempting_an_address_whose_success_is_no_longer_recent()
    {
        // Given alice's success from 10.0.0.5, 8 days ago (trusted for 7)
        var throttle = new LoginThrottle(clock: clock);
        var home = IPAddress.Parse("10.0.0.5");
        Succeed(throttle, home, "alice");
        clock.Advance(TimeSpan.FromDays(8));

        // When another address spends the account's free failures
        for (var i = 0; i < 5; i++)
        {
            Fail(throttle, IPAddress.Parse("10.0.0.66"), "alice");
        }

        // Then 10.0.0.5 waits like everyone else, and nothing of the old success is kept
        Assert.Null(throttle.TryBegin(home, "alice", out _));
        Assert.Equal(0, throttle.TrackedKnownAddresses);
    }

    [Fact]
    public void Should_still_slow_a_distributed_attack_from_100_addresses_each_guessing_a_little()
    {
        // Given 100 addresses, each well within its own budget, taking turns on one account for 10 minutes, one guess a second
        var throttle = new LoginThrottle(clock: clock);
        Succeed(throttle, IPAddress.Parse("10.0.0.5"), "alice");
        var guesses = 0;

        // When
        for (var second = 0; second < 600; second++)
        {
            var guess = throttle.TryBegin(IPAddress.Parse($"198.51.100.{second % 100}"), "alice", out _);
            if (guess is not null)
            {
                guess.Failed();
                guesses++;
            }

            clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Then the account's budget held: 5 free, then 1, 2, 4 ... 60 s apart (an unthrottled account would have taken 600),
        // and alice's own address still gets in
        Assert.InRange(guesses, 5, 25);
        using var owner = throttle.TryBegin(IPAddress.Parse("10.0.0.5"), "alice", out _);
        Assert.NotNull(owner);
    }

    [Fact]
    public void Should_keep_the_known_addresses_bounded_and_not_grow_them_from_failures()
    {
        // Given a small table, and alice known from 10.0.0.5
        var throttle = new LoginThrottle(Options(maxTrackedKeys: 50), clock);
        Succeed(throttle, IPAddress.Parse("10.0.0.5"), "alice");

        // When 1,000 spoofed addresses fail on alice once each, and one user logs in from 1,000 addresses of their own
        for (var i = 0; i < 1000; i++)
        {
            var guess = throttle.TryBegin(new IPAddress(0x0A010000 + i), "alice", out _);
            guess?.Failed();
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var afterFailures = throttle.TrackedKnownAddresses;
        for (var i = 0; i < 1000; i++)
        {
            Succeed(throttle, new IPAddress(0x0A020000 + i), "mallory");
        }

        // Then failures added no known address, and successes stayed within the cap, like the other two tables
        Assert.Equal(1, afterFailures);
        Assert.InRange(throttle.TrackedKnownAddresses, 1, 50);
        Assert.InRange(throttle.TrackedAddresses, 0, 50);
        Assert.InRange(throttle.TrackedAccounts, 0, 50);
    }

    [Fact]
    public void Should_refuse_inconsistent_options()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LoginThrottle(new LoginThrottleOptions { FreeFailuresPerAccount = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LoginThrottle(new LoginThrottleOptions { FirstDelay = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LoginThrottle(new LoginThrottleOptions { MaxDelay = TimeSpan.FromMilliseconds(10) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LoginThrottle(new LoginThrottleOptions { ForgetAfter = TimeSpan.FromSeconds(30) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LoginThrottle(new LoginThrottleOptions { MaxTrackedKeys = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LoginThrottle(new LoginThrottleOptions { KnownAddressFor = TimeSpan.FromSeconds(-1) }));
    }

    private static LoginThrottleOptions Options(int freePerAccount = 5, int freePerAddress = 20, TimeSpan? maxDelay = null, int maxTrackedKeys = 10_000) => new()
    {
        FreeFailuresPerAccount = freePerAccount,
        FreeFailuresPerAddress = freePerAddress,
        MaxDelay = maxDelay ?? TimeSpan.FromSeconds(60),
        MaxTrackedKeys = maxTrackedKeys,
    };

    private static void Succeed(LoginThrottle throttle, IPAddress client, string account)
    {
        var attempt = throttle.TryBegin(client, account, out var retryAfter);
        Assert.True(attempt is not null, $"{client} on '{account}' was refused for {retryAfter}");
        attempt.Succeeded();
    }

    private static void Fail(LoginThrottle throttle, IPAddress client, string account)
    {
        var attempt = throttle.TryBegin(client, account, out var retryAfter);
        Assert.True(attempt is not null, $"{client} on '{account}' was refused for {retryAfter}");
        attempt.Failed();
    }
}
