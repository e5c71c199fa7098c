package dev.vodhook.emulator.internal.storage;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The XML bodies of COS multipart uploads and errors. */
final class CosXml {

    private static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private CosXml() {
    }

    /** One {@code <Part>} of a CompleteMultipartUpload request. */
    record PartRef(int partNumber, String etag) {
    }

    static String initiateResult(String bucket, ObjectKey key, String uploadId) {
        return HEADER + "<InitiateMultipartUploadResult>" + element("Bucket", bucket) + element("Key", key.relative())
                + element("UploadId", uploadId) + "</InitiateMultipartUploadResult>";
    }

    static String listPartsResult(MultipartUpload upload) {
        StringBuilder parts = new StringBuilder();
        int last = 0;
        for (Map.Entry<Integer, ObjectStore.StoredPart> e : upload.parts().entrySet()) {
            parts.append("<Part>").append(element("PartNumber", Integer.toString(e.getKey())))
                    .append(element("LastModified", upload.initiated().toString()))
                    .append(element("ETag", "\"" + e.getValue().md5() + "\""))
                    .append(element("Size", Long.toString(e.getValue().size()))).append("</Part>");
            last = e.getKey();
        }
        return HEADER + "<ListPartsResult>" + element("Bucket", upload.bucket()) + element("Encoding-type", "url")
                + element("Key", upload.key().relative()) + element("UploadId", upload.uploadId())
                + "<Initiator><ID>local</ID><DisplayName>local</DisplayName></Initiator>"
                + "<Owner><ID>local</ID><DisplayName>local</DisplayName></Owner>"
                + element("StorageClass", "STANDARD") + element("PartNumberMarker", "0")
                + element("NextPartNumberMarker", Integer.toString(last)) + element("MaxParts", "1000")
                + element("IsTruncated", "false") + parts + "</ListPartsResult>";
    }

    static String completeResult(String location, String bucket, ObjectKey key, String etag) {
        return HEADER + "<CompleteMultipartUploadResult>" + element("Location", location) + element("Bucket", bucket)
                + element("Key", key.relative()) + element("ETag", etag) + "</CompleteMultipartUploadResult>";
    }

    static String error(String code, String message, String resource, String requestId) {
        return HEADER + "<Error>" + element("Code", code) + element("Message", message) + element("Resource", resource)
                + element("RequestId", requestId) + "</Error>";
    }

    /** The parts listed in a CompleteMultipartUpload body; malformed XML is {@code MalformedXML}. */
    static List<PartRef> parseComplete(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            Document doc = builder.parse(new ByteArrayInputStream(body));
            NodeList nodes = doc.getDocumentElement().getElementsByTagName("Part");
            List<PartRef> parts = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                Element part = (Element) nodes.item(i);
                parts.add(new PartRef(Integer.parseInt(text(part, "PartNumber").trim()), text(part, "ETag").trim()));
            }
            return parts;
        } catch (Exception e) {
            throw new CosException(400, "MalformedXML", "the CompleteMultipartUpload body is not valid: "
                    + e.getMessage());
        }
    }

    private static String text(Element parent, String name) {
        NodeList list = parent.getElementsByTagName(name);
        return list.getLength() == 0 ? "" : list.item(0).getTextContent();
    }

    private static String element(String name, String value) {
        return "<" + name + ">" + escape(value) + "</" + name + ">";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
