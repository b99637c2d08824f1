package dev.ciorchestrator.reports;

import dev.ciorchestrator.reports.TestCase.Result;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * JUnit XML as surefire, go-junit-report and gotestsum, pytest and ctest write it: {@code
 * testsuites}/{@code testsuite} (nested or not) holding {@code testcase} elements, whose {@code
 * failure} or {@code error} child means failed and {@code skipped} child means skipped (ctest also
 * says {@code status="notrun"}). Surefire's {@code flakyFailure} is a pass after a rerun.
 *
 * <p>A report is written by the job, so it is hostile input: no DTD is accepted at all (that alone
 * stops external entities, XXE, and entity expansion bombs), and the input is already cut to a size
 * cap by the caller.
 */
public final class JunitParser {
  private static final Set<String> FAILED =
      Set.of("failure", "error", "rerunFailure", "rerunError");
  private static final Set<String> SKIPPED_STATUS = Set.of("notrun", "disabled", "skipped");

  private JunitParser() {}

  public static List<TestCase> parse(byte[] xml) throws ReportException {
    try {
      XMLStreamReader r = factory().createXMLStreamReader(new ByteArrayInputStream(xml));
      try {
        return cases(r);
      } finally {
        r.close();
      }
    } catch (XMLStreamException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNumber()
                  + ", column "
                  + e.getLocation().getColumnNumber();
      throw new ReportException("not well-formed JUnit XML" + where + ": " + reason(e), e);
    }
  }

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return f;
  }

  private static List<TestCase> cases(XMLStreamReader r) throws XMLStreamException {
    List<TestCase> out = new ArrayList<>();
    List<String> suites = new ArrayList<>();
    Open open = null;
    while (r.hasNext()) {
      int event = r.next();
      if (event == XMLStreamConstants.DTD) {
        throw new XMLStreamException("a DOCTYPE is not allowed in a report", r.getLocation());
      }
      if (event == XMLStreamConstants.ENTITY_REFERENCE) {
        throw new XMLStreamException(
            "entity reference &" + r.getLocalName() + "; is not allowed", r.getLocation());
      }
      if (event == XMLStreamConstants.START_ELEMENT) {
        String tag = r.getLocalName();
        if (tag.equals("testsuite")) {
          suites.add(attr(r, "name"));
        } else if (tag.equals("testcase")) {
          open = Open.of(r, suites.isEmpty() ? "" : suites.get(suites.size() - 1));
        } else if (open != null) {
          open = open.child(tag, attr(r, "message"));
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        String tag = r.getLocalName();
        if (tag.equals("testsuite") && !suites.isEmpty()) {
          suites.remove(suites.size() - 1);
        } else if (tag.equals("testcase") && open != null) {
          out.add(open.toCase());
          open = null;
        }
      }
    }
    return out;
  }

  /** A {@code testcase} being read: its result is known only at its end. */
  private record Open(String suite, String name, Result result, String message) {
    static Open of(XMLStreamReader r, String suite) {
      String className = attr(r, "classname");
      String name = attr(r, "name");
      String group = className.isEmpty() || className.equals(name) ? suite : className;
      Result result =
          SKIPPED_STATUS.contains(attr(r, "status"))
              ? Result.SKIPPED
              : attr(r, "status").equals("fail") ? Result.FAILED : Result.PASSED;
      return new Open(group, name, result, "");
    }

    Open child(String tag, String text) {
      if (FAILED.contains(tag)) {
        return new Open(suite, name, Result.FAILED, message.isEmpty() ? text : message);
      }
      if (tag.equals("skipped") && result != Result.FAILED) {
        return new Open(suite, name, Result.SKIPPED, text);
      }
      return this;
    }

    TestCase toCase() {
      return new TestCase(suite, name, result, message);
    }
  }

  private static String attr(XMLStreamReader r, String name) {
    String value = r.getAttributeValue(null, name);
    return value == null ? "" : value;
  }

  private static String reason(XMLStreamException e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    int at = m.indexOf("Message: ");
    return TestCase.cut(at >= 0 ? m.substring(at + 9) : m);
  }
}
