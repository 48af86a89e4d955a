namespace NetProg.Integration.Tests.Harness;

/// <summary>
/// The programs <c>netprog check</c> is tested on: check-c/*.c (a correct program and one per classic homework bug,
/// each file saying which) and the course's own course-c/*.c, compiled together with <c>gcc -Wall -Werror -O2</c>.
/// </summary>
public sealed class CheckC : CourseC
{
    public CheckC()
        : base("check-c", "course-c")
    {
    }
}
