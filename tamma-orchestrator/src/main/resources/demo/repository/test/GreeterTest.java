/** The greeter's tests; a plain main method keeps the demo free of dependencies. */
public final class GreeterTest {

    public static void main(String[] args) {
        check("Hello, Ada!", Greeter.greet("Ada"));
        System.out.println("All tests passed");
    }

    static void check(String expected, String actual) {
        if (!expected.equals(actual)) {
            System.err.println("FAILED: expected '" + expected + "' but got '" + actual + "'");
            System.exit(1);
        }
    }
}
